"""Weiterbildungskarte: a Dash dashboard of the Länder's further-education programmes."""
