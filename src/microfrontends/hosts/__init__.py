"""Support for hosts other than Jupyter that show widgets their own way."""
