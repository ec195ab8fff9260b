/**
 * The live course's service worker (sw.js at the site's root, built by offline.ts): on the
 * first visit it stores the whole course in a cache named after the site's version (a hash of
 * its files: pages, scripts, the library and grading bundles, MNIST, the editor, fonts), and
 * from then on answers every request of the site from that cache first, so the course runs and
 * checks with the network off. A rebuilt site has another version: its worker installs beside
 * the old one, takes over once no page of the old one is open, and deletes the old cache.
 */
declare const OPTKIT_SW_VERSION: string;
declare const OPTKIT_SW_FILES: string[];

interface SwExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface SwFetchEvent extends Event {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface SwScope {
  location: Location;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", f: (e: SwExtendableEvent) => void): void;
  addEventListener(type: "fetch", f: (e: SwFetchEvent) => void): void;
}

const sw = globalThis as unknown as SwScope;
const PREFIX = "optkit-";
const CACHE = PREFIX + OPTKIT_SW_VERSION;

sw.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(OPTKIT_SW_FILES)));
});

sw.addEventListener("activate", (e) => {
  e.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await sw.clients.claim(); // the page of the first visit works offline too
    })(),
  );
});

/** The cached answer to `req`: a folder's URL is its index.html; a query is ignored. */
async function fromCache(req: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const url = new URL(req.url);
  const key = url.pathname.endsWith("/") ? new URL("index.html", url).href : req;
  const hit = await cache.match(key, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== sw.location.origin) return;
  e.respondWith(fromCache(req));
});
