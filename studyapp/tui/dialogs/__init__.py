"""Modal dialogs that return a value (dismiss), apart from the screens."""
