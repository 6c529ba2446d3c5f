"""Draw the PNG/ICO icons from static/img/mark.svg with Debian's Chromium (run by hand after
changing the mark): apple-touch-icon.png (180 px), icon-512.png and favicon.ico (16/32/48)."""

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parents[1] / "static" / "img"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def render(page, size):
    svg = (IMG / "mark.svg").read_text()
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        f'<html><body style="margin:0;background:transparent">'
        f'<div style="width:{size}px;height:{size}px">{svg}</div></body></html>'
    )
    page.eval_on_selector("svg", f"e => {{ e.setAttribute('width', {size}); "
                          f"e.setAttribute('height', {size}); }}")  # fmt: skip
    return Image.open(io.BytesIO(page.screenshot(omit_background=True)))


def main():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        render(page, 180).save(IMG / "apple-touch-icon.png", optimize=True)
        render(page, 512).save(IMG / "icon-512.png", optimize=True)
        big = render(page, 48)
        big.save(IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        browser.close()


if __name__ == "__main__":
    main()
