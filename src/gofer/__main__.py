"""`python -m gofer`: the same command line as `gofer`."""

from gofer.cli import main

main()
