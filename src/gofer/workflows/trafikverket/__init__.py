"""Trafikverket "Boka prov": booking a Swedish driving test."""
