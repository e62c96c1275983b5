"""`studyapp` without a screen: one module per command."""
