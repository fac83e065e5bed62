"""Windows, pages and the presenter. The only package that imports PySide6."""
