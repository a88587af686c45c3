"""Number and date formats for UI languages Django has none for (FORMAT_MODULE_PATH)."""
