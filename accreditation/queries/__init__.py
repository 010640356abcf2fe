"""Reads of accreditation that pages, the API and mails share, one module per concept:
the public status page, the review queue, vetting, badges, the gates (and the scan path's
prepared statements), the integrations' sync.
"""
