"""One shared Chromium, a fresh context per job, and QR capture from canvases."""
