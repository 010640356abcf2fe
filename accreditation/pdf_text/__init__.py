"""Text in any script on every PDF: fonts, HarfBuzz shaping, fitting, joining many PDFs."""
