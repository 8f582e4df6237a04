"""Cheap waiting: between searches a job holds its browser context (cookies) but no page.

A page costs a renderer process (tens of MB); the context alone costs almost nothing. Searches
go through the context's request client (`SiteApi`), which shares the context's cookies and
needs no page, so a monitoring job closes its page while it waits and opens a new one only for
what a person's browser must do on the site: log in, reserve, pay, read the summary.
"""

from __future__ import annotations

from gofer.workflows.trafikverket.pages import BookingPages


async def release_page(pages: BookingPages) -> None:
    """Closes the job's page; the context, and with it the site's login cookies, stays."""
    if not pages.page.is_closed():
        await pages.page.close()


async def page_again(pages: BookingPages) -> BookingPages:
    """The job's pages, on a fresh page at the site's start if the old one was released."""
    if not pages.page.is_closed():
        return pages
    page = await pages.page.context.new_page()
    reopened = BookingPages(page, pages.base_url, pages.warn, pages.offer)
    await reopened.open_start()
    return reopened
