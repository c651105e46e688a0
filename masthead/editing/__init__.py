"""The editor's form: slugs made from headlines and names, stated limits, times in the
edition's zone, errors that name their field and tab."""
