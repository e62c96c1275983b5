"""Pure helpers every layer may use: paths, safe text, the YAML loader, the clock."""
