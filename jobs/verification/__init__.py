"""The public verification page of issued documents (/verifikasi/<code>/): what was issued, and
whether a file someone holds is that document, unchanged and sealed by us."""
