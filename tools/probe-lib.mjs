// Shared start of the dev probes (probe-profile.mjs, probe-timeline.mjs; not
// part of make bench): the fixture server, a browser with the bench's dist
// (DIST=dir copies a build over it, e.g. tools/probe-named-dist.sh's wasm
// with function names), a CRM tab, and `done()` to tear it all down.
import fs from 'node:fs';
import { launchBrowser, benchDist, openFixture, tabIdOf, CRM_PAGE } from './bench-lib.mjs';
import { startServer } from './serve.mjs';

export async function openProbe() {
  const tracks = [];
  const track = (f) => tracks.push(f);
  const server = await startServer({});
  const dist = benchDist(track);
  if (process.env.DIST) fs.cpSync(process.env.DIST, dist, { recursive: true });
  const b = await launchBrowser(track, { dist });
  const crm = await openFixture(b.context, server.origin, CRM_PAGE);
  const tab = await tabIdOf(b.worker, crm);
  const done = async () => {
    for (const f of tracks.reverse()) {
      try {
        await f();
      } catch {}
    }
    server.server.close();
    process.exit(0);
  };
  return { b, tab, track, done };
}
