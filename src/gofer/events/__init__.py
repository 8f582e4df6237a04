"""Seq-numbered job events and the bus that fans them out live."""
