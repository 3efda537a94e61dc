"""Printed documents (reportlab): sign-in sheets, attendance summaries; headless, any language."""
