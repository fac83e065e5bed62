"""Minutes in Qt's own formats: the chart image, the rich-text document, PDF, ODT and printing."""
