"""Stage one: paths -> Documents (files, encodings, front matter, metadata, comment sections, directives, dates)."""
