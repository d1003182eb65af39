#!/usr/bin/env python3
"""Browser tests of `permaudit site`, in headless Chromium driven by Selenium (PyPI `selenium`, Debian
`chromium` and `chromium-driver`). Run by SiteBrowserTests.swift, which writes the sites and the expected
exports first:

    site_test.py SITE HOSTILE_SITE EXPECTED OUT

SITE: a site of the fixture catalog, the call-cut metadata and the sample tenant. HOSTILE_SITE: a site of the
hostile tenants (Tests/Fixtures/hostile and hostile/web). EXPECTED: `show NAME --format json|csv` outputs,
named NAME.json and NAME.csv. OUT: where screenshots and downloads go. Prints each failure; exits 1 on any.
"""
import functools, html.parser, http.server, json, pathlib, sys, threading, time, urllib.parse, xml.etree.ElementTree

from selenium import webdriver
from selenium.webdriver.common.by import By

SEED = "CallDelegation.ReadWrite"
SEED_ID = "599abf67-f72b-4b5f-98a3-cb38fe646118"
# The pages whose exports are checked (EXPECTED holds their `show` outputs): Calls.Initiate.All reaches types
# with more than 15 properties.
EXPORTED = [SEED, "Calls.Initiate.All"]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message, flush=True)


def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,1600",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    # Before any page script: a flag that only executed attacker text would set, and dialogs that set it too.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        window.__pwned = 0;
        for (const name of ["alert", "confirm", "prompt", "print"]) {
          const original = window[name];
          window[name] = function () { if (name !== "print") window.__pwned = "dialog " + name; else window.__printed = true; };
        }"""})
    return driver


def url(folder, relative):
    return pathlib.Path(folder, relative).resolve().as_uri()


def drain(driver, site):
    """The console's errors and every request outside the site since the last call."""
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    root = pathlib.Path(site).resolve().as_uri()
    outside = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested = message["params"]["request"]["url"]
            # data: URLs are Chromium's own (its internal pages' icons): no request leaves the machine for them.
            # blob: URLs are the exports' files, made in the page.
            if not requested.startswith(root + "/") and not requested.startswith(("data:", "blob:")):
                outside.append(requested)
    return errors, outside


def seed_page(driver, site, out):
    driver.get(url(site, f"permissions/{SEED}.html"))
    text = driver.find_element(By.TAG_NAME, "body").text
    for needle in [SEED_ID, "Admin consent required", "User sees", "Code examples", "C#", "JavaScript/TypeScript", "PowerShell",
                   "Python", "Add it to an app registration", "History", "Held by", "Risk level", "Tier", "Application (app-only) counterpart: CallDelegation.ReadWrite.All"]:
        check(needle in text, f"seed page: '{needle}' is not on the page")
    check("sources disagree" in text.lower() or "Sources disagree" in text, "seed page: the sources' disagreement is not shown")
    check(len(driver.find_elements(By.CSS_SELECTOR, "figure.example button")) >= 4, "seed page: code examples have no copy buttons")
    languages = [tab.text for tab in driver.find_elements(By.CSS_SELECTOR, "[aria-label=Languages] [role=tab]")]
    check(languages[:4] == ["C#", "JavaScript/TypeScript", "PowerShell", "Python"], f"seed page: example tabs {languages}")
    shown = [f for f in driver.find_elements(By.CSS_SELECTOR, "figure.example") if f.is_displayed()]
    check(len(shown) == 1, f"seed page: {len(shown)} code examples shown at once, not 1")
    # Graph methods per API version: the seeded catalog's paths are v1.0, and beta says it has none.
    for needle in ["Graph v1.0 (", "Graph beta (0)", "No API methods available for this version.", "the seeded catalog's paths are v1.0"]:
        check(needle in text, f"seed page: '{needle}' is not on the page")
    # The examples call one of the permission's own paths with the token.
    code = shown[0].text if shown else ""
    check("https://graph.microsoft.com/v1.0/" in code and "/me\"" not in code, f"seed page: the shown example calls no path of the permission")
    driver.save_screenshot(str(out / "seed-light.png"))
    # Copy URL: the permalink (the page's address) on the clipboard.
    driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    driver.find_element(By.CSS_SELECTOR, "[data-action=copy-url]").click()
    status = driver.find_element(By.CSS_SELECTOR, ".status").text
    copied = driver.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, (e) => done('unreadable: ' + e));")
    check(copied.split("#")[0] == driver.current_url.split("#")[0] or status == "URL copied",
          f"seed page: Copy URL put {copied!r} on the clipboard (status {status!r}), not {driver.current_url}")
    # Dark mode follows the system; print hides navigation and buttons.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    check(background != "rgb(255, 255, 255)", f"seed page: dark mode keeps a white background ({background})")
    driver.save_screenshot(str(out / "seed-dark.png"))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
    hidden = driver.execute_script("""
        return ['.actions', 'header.site', 'footer.site'].map((s) => getComputedStyle(document.querySelector(s)).display);""")
    check(hidden == ["none", "none", "none"], f"seed page: print media shows the buttons or navigation ({hidden})")
    driver.save_screenshot(str(out / "seed-print.png"))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})


def download(driver, page, name, expected, out):
    """Export JSON and Export CSV of the page download exactly what `show NAME --format json|csv` prints."""
    downloads = out / "downloads"
    for kind in ["json", "csv"]:
        target = downloads / f"{name}.{kind}"
        if target.exists():
            target.unlink()
        driver.get(page)
        driver.find_element(By.CSS_SELECTOR, f"[data-export={kind}]").click()
        for _ in range(100):
            if target.exists() and target.stat().st_size > 0:
                break
            time.sleep(0.1)
        time.sleep(0.2)
        wanted = pathlib.Path(expected, f"{name}.{kind}").read_bytes()
        check(target.exists() and target.read_bytes() == wanted, f"{page}: Export {kind.upper()} is not what show --format {kind} prints")


def exports(driver, site, expected, out):
    """From file://: the data comes as scripts, the file from a Blob."""
    for name in EXPORTED:
        download(driver, url(site, f"permissions/{name}.html"), name, expected, out)


def published_exports(driver, site, expected, out):
    """As a published site is used: over HTTP (a local server of the site's folder)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=site)
    handler.log_message = lambda *arguments: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        download(driver, f"http://127.0.0.1:{server.server_port}/permissions/{SEED}.html", SEED, expected, out)
    finally:
        server.shutdown()


def properties_page(driver):
    driver.find_element(By.TAG_NAME, "body")
    sections = [s for s in driver.find_elements(By.CSS_SELECTOR, "section.resource") if s.get_attribute("aria-label") == "call"]
    check(len(sections) >= 1, "Calls.Initiate.All: no section for the call type")
    if not sections:
        return
    call = sections[0]
    check("Showing 15 of 25 properties" in call.text, "Calls.Initiate.All: the call type does not say 'Showing 15 of 25 properties'")
    visible = lambda: len([row for row in call.find_elements(By.CSS_SELECTOR, "table.properties tbody tr") if row.is_displayed()])
    check(visible() == 15, f"Calls.Initiate.All: {visible()} properties visible before expanding, not 15")
    call.find_element(By.TAG_NAME, "summary").click()
    check(visible() == 25, f"Calls.Initiate.All: {visible()} properties visible after expanding, not 25")
    first = call.find_element(By.CSS_SELECTOR, "table.properties tbody tr").text
    check("Nullable" in call.text and first.startswith("id Edm.String No"), f"Calls.Initiate.All: nullability is not shown ({first!r})")


def tabs(driver, site):
    """A page with both kinds: two tabs, the fragment picks one, and without it both panels were in the HTML."""
    for page in pathlib.Path(site, "permissions").glob("*.html"):
        source = page.read_text()
        if 'id="delegated"' in source and 'id="application"' in source:
            driver.get(page.resolve().as_uri() + "#application")
            tab_list = driver.find_elements(By.CSS_SELECTOR, "[aria-label=Kinds] [role=tab]")
            check(len(tab_list) == 2, f"{page.name}: {len(tab_list)} tabs, not 2")
            check(driver.find_element(By.ID, "application").is_displayed() and not driver.find_element(By.ID, "delegated").is_displayed(),
                  f"{page.name}: #application does not select the application tab")
            return
    check(False, "no page has both a delegated and an application panel")


def index_search(driver, site):
    driver.get(url(site, "index.html"))
    box = driver.find_element(By.ID, "search")
    box.send_keys("initiate calls")
    rows = [row for row in driver.find_elements(By.CSS_SELECTOR, "#permissions tbody tr") if row.is_displayed()]
    check(rows and rows[0].text.startswith("Calls.Initiate"), f"index: search 'initiate calls' ranks {rows[0].text if rows else 'nothing'} first")
    box.clear()
    driver.execute_script("const s = document.getElementById('filter-kind'); s.value = 'application'; s.dispatchEvent(new Event('input'));")
    rows = [row for row in driver.find_elements(By.CSS_SELECTOR, "#permissions tbody tr") if row.is_displayed()]
    check(rows and all("application" in row.get_attribute("data-kind") for row in rows), "index: the kind filter keeps other kinds")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attributes):
        for name, value in attributes:
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src", "data-src") and value is not None:
                self.links.append(value)


def internal_links(site):
    """Every href and src (and an export's data-src) is relative, and resolves to a file (and fragment) of the site."""
    parsed = {}
    for page in pathlib.Path(site).rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text())
        parsed[page.resolve()] = parser
    for page, parser in parsed.items():
        for link in parser.links:
            split = urllib.parse.urlsplit(link)
            check(not split.scheme and not split.netloc, f"{page.name}: a link leaves the site: {link}")
            target = (page.parent / urllib.parse.unquote(split.path)).resolve() if split.path else page
            check(target.exists(), f"{page.name}: a link to a missing file: {link}")
            if split.fragment and target in parsed:
                check(split.fragment in parsed[target].ids, f"{page.name}: a link to a missing fragment: {link}")


def hostile_pages(driver, site):
    """Every page of the hostile site: nothing runs, nothing is injected, the names show as text."""
    pages = sorted(pathlib.Path(site).rglob("*.html"))
    check(len(pages) > 10, f"the hostile site has {len(pages)} pages")
    for page in pages:
        driver.get(page.resolve().as_uri())
        state = driver.execute_script("""
            const scripts = Array.from(document.scripts).map((s) => s.getAttribute('src'));
            const handlers = Array.from(document.querySelectorAll('*')).flatMap((e) =>
              Array.from(e.attributes).filter((a) => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map((a) => e.tagName + ' ' + a.name));
            return {pwned: window.__pwned, images: document.images.length, svg: document.querySelectorAll('svg, b, iframe, object, embed').length,
                    scripts: scripts, handlers: handlers, text: document.body.innerText};""")
        name = page.name
        check(state["pwned"] == 0, f"hostile {name}: attacker text ran ({state['pwned']})")
        check(state["images"] == 0 and state["svg"] == 0, f"hostile {name}: an injected element ({state['images']} img, {state['svg']} svg/b/iframe)")
        check(len(state["scripts"]) == 1 and state["scripts"][0].endswith("site.js"), f"hostile {name}: scripts {state['scripts']}")
        check(not state["handlers"], f"hostile {name}: event handler or javascript: attributes {state['handlers']}")
    driver.get(url(site, "admin-consent.html"))
    text = driver.find_element(By.TAG_NAME, "body").text
    for shown in ["<script>window.__pwned=1</script>", "\"><img src=x onerror=\"window.__pwned=1\">", "javascript:window.__pwned=1",
                  "{{chrome}}{{{searchIndex}}} Mustache", "Micro\\u202etfos <b>bold</b> Graph"]:
        check(shown in text, f"hostile report: {shown!r} is not shown as text")
    check("\u202e" not in text, "hostile report: a bidi override reached the page")


def changelog(driver, site, hostile):
    """The changelog lists the sample's Kibali diff; both feeds are well-formed Atom with an entry per diff."""
    driver.get(url(site, "changelog.html"))
    text = driver.find_element(By.TAG_NAME, "body").text
    check("2026-08-07: kibali" in text and "added" in text, "changelog: the Kibali 2023-03-07 to 2026-08-07 diff is missing")
    atom = "{http://www.w3.org/2005/Atom}"
    for folder in [site, hostile]:
        try:
            feed = xml.etree.ElementTree.parse(pathlib.Path(folder, "changelog.atom")).getroot()
            check(feed.tag == atom + "feed", f"{folder}: changelog.atom is not an Atom feed")
            check(len(feed.findall(atom + "entry")) == len(driver.find_elements(By.CSS_SELECTOR, "section.change")) or folder != site,
                  "changelog.atom: its entries are not the page's")
        except xml.etree.ElementTree.ParseError as error:
            check(False, f"{folder}: changelog.atom is not well-formed XML: {error}")


def main():
    site, hostile, expected, out = sys.argv[1:5]
    out = pathlib.Path(out)
    (out / "downloads").mkdir(parents=True, exist_ok=True)
    driver = browser(out / "downloads")
    try:
        drain(driver, site)
        seed_page(driver, site, out)
        driver.get(url(site, "permissions/Calls.Initiate.All.html"))
        properties_page(driver)
        tabs(driver, site)
        index_search(driver, site)
        changelog(driver, site, hostile)
        driver.get(url(site, "admin-consent.html"))
        check("Northwind Call Assistant" in driver.find_element(By.TAG_NAME, "body").text, "report: the sample tenant's app is missing")
        driver.find_element(By.LINK_TEXT, "Northwind Call Assistant").click()
        text = driver.find_element(By.TAG_NAME, "body").text
        check("CallDelegation.ReadWrite" in text and "Since" in text, "app page: Northwind Call Assistant's holdings are missing")
        driver.get(url(site, "apps/d5d0070c-f501-5805-85e5-f432e3990f4f.html"))
        text = driver.find_element(By.TAG_NAME, "body").text
        check("Least-privilege advice" in text and "Directory.ReadWrite.All" in text, "app page: the least-privilege advice is missing")
        driver.get(url(site, "drift.html"))
        check("Contoso Phish Catcher" in driver.find_element(By.TAG_NAME, "body").text, "drift: the app added in the second export is missing")
        exports(driver, site, expected, out)
        errors, outside = drain(driver, site)
        published_exports(driver, site, expected, out)
        drain(driver, site)
        check(not errors, f"console errors: {errors}")
        check(not outside, f"requests outside the site: {outside}")
        hostile_pages(driver, hostile)
        errors, outside = drain(driver, hostile)
        check(not outside, f"hostile site: requests outside the site: {outside}")
    finally:
        driver.quit()
    internal_links(site)
    internal_links(hostile)
    print(f"{len(failures)} failures; screenshots in {out}", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
