"""The list of participants as a page, a PDF and a spreadsheet."""
