"""Forms of the staff agreement pages: the one-page editor and the small action forms."""
