//! Importing bulletin issues as the issuing office distributes them (plain text or Markdown
//! extracted from the PDF) into content/bulletins/<year>/<n>.md.
