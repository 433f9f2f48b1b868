/** Debian's Chromium, driven by playwright-core (its own browser download does not work here). */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

/**
 * With `unthrottledFrames`, frames are not held to the display's rate (60 a second): the time from one
 * animation frame to the next is then what producing a frame costs, which is what a frame budget means.
 */
export async function launchChromium({ unthrottledFrames = false } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`no browser at ${CHROMIUM_PATH}: install Debian's chromium or set CHROMIUM_PATH`);
  const args = unthrottledFrames
    ? [...LAUNCH_ARGS, "--disable-frame-rate-limit", "--disable-gpu-vsync"]
    : LAUNCH_ARGS;
  return chromium.launch({ executablePath: CHROMIUM_PATH, args });
}
