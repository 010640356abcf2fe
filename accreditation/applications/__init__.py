"""Applications from every source (the public form, the office, a spreadsheet, the API, a
delegation's members), their state machine, and the office's review and decisions."""
