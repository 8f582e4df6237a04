"""The canary: one booking search that is never booked, to learn of site drift before users do."""
