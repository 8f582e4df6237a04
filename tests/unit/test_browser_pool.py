"""The shared browser: a context per job, closed on every exit, and a relaunch after a crash."""

from __future__ import annotations

import base64
import io

import pytest
import segno

from gofer.browser.pool import BrowserPool
from gofer.browser.qr import decode_data_url, decode_qr, png_from_data_url

pytestmark = pytest.mark.e2e


@pytest.fixture
async def pool():
    browser_pool = BrowserPool("/usr/bin/chromium")
    await browser_pool.start()
    yield browser_pool
    await browser_pool.stop()


async def test_context_is_closed_even_when_the_job_fails(pool):
    with pytest.raises(RuntimeError):
        async with pool.context() as context:
            page = await context.new_page()
            await page.set_content("<p>hello</p>")
            assert pool.contexts_in_use == 1
            raise RuntimeError("job failed")
    assert pool.contexts_in_use == 0
    assert page.is_closed()


async def test_dead_browser_is_relaunched_for_the_next_job(pool):
    first = await pool.browser()
    await first.close()  # what a crash looks like from here: the connection is gone
    assert not pool.connected
    async with pool.context() as context:
        page = await context.new_page()
        await page.set_content("<title>alive</title>")
        assert await page.title() == "alive"
    assert pool.launches == 2 and pool.connected


async def test_canvas_qr_is_read_back_to_its_payload(pool):
    payload = "bankid.5f0c7a2e-3b1d-4c8e-9a6f-2d7e4b1c9a30.1.38343954790483c134429d554333f5967bb7056dd8b3803b929fb5bbea6bb6c3"
    buffer = io.BytesIO()
    segno.make_qr(payload, error="m").save(buffer, kind="png", scale=4, border=4)
    source = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    async with pool.context() as context:
        page = await context.new_page()
        await page.set_content(
            '<div class="qrcode"><canvas width="256" height="256"></canvas></div>'
        )
        data_url = await page.evaluate(
            """async (src) => {
                const img = new Image(); img.src = src; await img.decode();
                const canvas = document.querySelector('canvas');
                canvas.getContext('2d').drawImage(img, 0, 0, 256, 256);
                return canvas.toDataURL('image/png');
            }""",
            source,
        )
    assert decode_data_url(data_url) == payload


def test_unreadable_images_give_none_and_bad_urls_raise():
    blank = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (64, 64), "white").save(blank, format="PNG")
    assert decode_qr(blank.getvalue()) is None
    with pytest.raises(ValueError):
        png_from_data_url("data:image/jpeg;base64,AAAA")
