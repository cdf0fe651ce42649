// A student's session in a real browser: Jupyter Notebook 6 (Debian's
// jupyter-notebook) with gokernel, driven in headless Debian chromium through
// playwright-core. run.sh installs what it needs and runs this with
// `node --test`.
//
// Every wait is on something the page shows (a selector, the kernel's idle
// indicator, a prompt's execution count), bounded by a timeout; there are no
// fixed sleeps.
//
// Environment: GOKERNEL_BIN (the kernel binary; built with `go build` when
// unset), ARTIFACTS (screenshots and logs; default ./artifacts),
// CHROMIUM (default /usr/bin/chromium).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const artifacts = path.resolve(process.env.ARTIFACTS || path.join(here, 'artifacts'));
// The student notebooks and the teacher builds (notebooks/solutions/NN.ipynb, copied as
// solutions-NN.ipynb), by their name in the work directory.
const notebookSources = new Map();
for (const dir of ['', 'solutions']) {
  for (const f of fs.readdirSync(path.join(repo, 'notebooks', dir)).filter((f) => f.endsWith('.ipynb')).sort()) {
    notebookSources.set(dir ? `${dir}-${f}` : f, path.join(repo, 'notebooks', dir, f));
  }
}
const notebooks = [...notebookSources.keys()];

// fresh is a notebook as a student who cleared it sees it: no outputs, no
// execution counts (the stored ones are checked by `gokernel run --check`).
function fresh(file) {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const c of nb.cells) {
    if (c.cell_type === 'code') {
      c.outputs = [];
      c.execution_count = null;
    }
  }
  return JSON.stringify(nb, null, 1);
}

const KERNEL_START = 60_000; // a notebook opened until its kernel is idle
const RUN_ALL = 120_000; // a whole lesson
const UI = 15_000; // a menu, a completion list, a tooltip
// The README promises that Interrupt stops a running cell "within a second";
// 2 s leaves room for a loaded machine. Slower means the interrupt did not
// reach a loop with no function calls (`for {}`), the hang this protects.
const INTERRUPT_BOUND_MS = 2_000;

let tmp, server, serverExit, browser, base, token;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function api(method, urlPath) {
  const res = await fetch(`${base}${urlPath}`, { method, headers: { Authorization: `token ${token}` } });
  if (!res.ok) throw new Error(`${method} ${urlPath}: HTTP ${res.status}`);
  return res.status === 204 ? null : res.json();
}

function scratchNotebook() {
  const code = (source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { display_name: 'Go (gokernel)', language: 'go', name: 'gokernel' },
      language_info: { name: 'go', file_extension: '.go', mimetype: 'text/x-go' },
    },
    cells: [
      code('import "fmt"'),
      code('for {\n}'),
      code('fmt.Println("the kernel is still here")'),
      code('fmt.'),
      code('fmt.Println("x")'),
      code('var name string\nfmt.Scanln(&name)\nfmt.Println("hello,", name)'),
    ].map((c, i) => ({ id: `scratch-${i}`, ...c })),
  };
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gokernel-browser-'));
  let bin = process.env.GOKERNEL_BIN;
  if (!bin) {
    bin = path.join(tmp, 'gokernel');
    execFileSync('go', ['build', '-o', bin, './kernel/cmd/gokernel'], { cwd: repo, stdio: 'inherit' });
  }
  execFileSync(bin, ['install', '--prefix', path.join(tmp, 'prefix')], { stdio: 'ignore' });

  const work = path.join(tmp, 'work');
  fs.mkdirSync(work);
  for (const [nb, file] of notebookSources) fs.writeFileSync(path.join(work, nb), fresh(file));
  fs.writeFileSync(path.join(work, 'scratch.ipynb'), JSON.stringify(scratchNotebook(), null, 1));

  const port = await freePort();
  token = crypto.randomBytes(16).toString('hex');
  base = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(artifacts, 'notebook-server.log'), 'w');
  server = spawn('/usr/bin/jupyter', [
    'notebook', '--no-browser', '--allow-root', '--ip=127.0.0.1', `--port=${port}`,
    `--NotebookApp.token=${token}`, `--notebook-dir=${work}`,
  ], {
    cwd: work,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      JUPYTER_PATH: path.join(tmp, 'prefix', 'share', 'jupyter'),
      JUPYTER_CONFIG_DIR: path.join(tmp, 'config'),
      JUPYTER_DATA_DIR: path.join(tmp, 'data'),
      JUPYTER_RUNTIME_DIR: path.join(tmp, 'runtime'),
    },
  });
  serverExit = new Promise((resolve) => server.on('exit', resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`jupyter notebook exited (${server.exitCode}); see notebook-server.log`);
    try {
      await api('GET', '/api/status');
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`jupyter notebook did not answer within 60 s: ${e.message}`);
      await new Promise((r) => setTimeout(r, 200)); // polling the server's API, not a wait for the page
    }
  }

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM'); // the notebook server shuts its kernels down
    const killer = setTimeout(() => server.kill('SIGKILL'), 15_000);
    await serverExit;
    clearTimeout(killer);
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function openNotebook(name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // The kernel's replies as the page receives them, by message type, to wait on.
  const replies = new EventEmitter();
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    if (typeof payload !== 'string') return;
    try {
      const msg = JSON.parse(payload);
      replies.emit(msg.header?.msg_type ?? msg.msg_type, msg);
    } catch { /* not a kernel message */ }
  }));
  await page.goto(`${base}/notebooks/${encodeURIComponent(name)}?token=${token}`);
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout: KERNEL_START });
  return { page, context, problems, replies };
}

async function closeNotebook({ page, context }) {
  await context.close();
  for (const k of await api('GET', '/api/kernels')) await api('DELETE', `/api/kernels/${k.id}`);
}

// What each cell of the page shows: its prompt and its outputs, by kind.
function cellsOnPage(page) {
  return page.$$eval('#notebook-container > .cell', (cells) => cells.map((cell) => ({
    code: cell.classList.contains('code_cell'),
    prompt: cell.querySelector('.input_prompt')?.textContent.replace(/\s+/g, ' ').trim() ?? '',
    errors: [...cell.querySelectorAll('.output_error')].map((e) => e.textContent),
    streams: [...cell.querySelectorAll('.output_stream')].map((e) => e.textContent).join(''),
    outputs: cell.querySelectorAll('.output_subarea').length,
  })));
}

// Waits for code cell `index` (among code cells) to show an execution count.
function waitForCount(page, index, timeout = UI) {
  return page.waitForFunction((i) => {
    const prompt = document.querySelectorAll('#notebook-container > .code_cell .input_prompt')[i];
    return prompt && /\[\s*\d+\s*\]/.test(prompt.textContent);
  }, index, { timeout });
}

function codeCell(page, index) {
  return page.locator('#notebook-container > .code_cell').nth(index);
}

for (const name of notebooks) {
  test(`Run All: ${name}`, { timeout: KERNEL_START + RUN_ALL + 30_000 }, async () => {
    const source = JSON.parse(fs.readFileSync(notebookSources.get(name), 'utf8'));
    const nb = await openNotebook(name);
    const { page } = nb;
    try {
      const codeCount = source.cells.filter((c) => c.cell_type === 'code').length;
      const before = await cellsOnPage(page);
      assert.equal(before.length, source.cells.length, 'the page shows every cell of the notebook');
      assert.ok(before.every((c) => !c.code || !/\d/.test(c.prompt)), 'no cell has run before Run All');

      await page.click('#celllink');
      await page.click('#run_all_cells');
      // Done: every code cell has an execution count and the kernel is idle.
      await page.waitForFunction((n) => {
        const prompts = [...document.querySelectorAll('#notebook-container > .code_cell .input_prompt')];
        return prompts.length === n && prompts.every((p) => /\[\s*\d+\s*\]/.test(p.textContent)) &&
          document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
      }, codeCount, { timeout: RUN_ALL });
      // The notebook scrolls inside #site: let it grow so that the screenshot shows every cell.
      await page.addStyleTag({ content: '#site { height: auto !important; overflow: visible !important; }' });
      await page.screenshot({ path: path.join(artifacts, `run-all-${name.replace('.ipynb', '')}.png`), fullPage: true });

      const shown = await cellsOnPage(page);
      let outputs = 0;
      source.cells.forEach((cell, i) => {
        if (cell.cell_type !== 'code') return;
        const text = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
        const where = `${name} cell ${i} ${JSON.stringify(text.slice(0, 50))}`;
        const meant = (cell.metadata?.tags ?? []).includes('raises-exception');
        outputs += shown[i].outputs;
        if (meant) {
          // A program %%run or %%race built ends as go run's does: "exit status N" on stderr,
          // and an error with no traceback of its own (it would say the same twice).
          const exited = /exit status \d+/.test(shown[i].streams);
          assert.ok(shown[i].errors.length > 0 || exited, `${where} is tagged raises-exception but showed no error`);
        } else {
          assert.deepEqual(shown[i].errors, [], `${where} showed an error`);
        }
        if (!meant && /fmt\.Print/.test(text)) {
          assert.ok(shown[i].streams.length > 0, `${where} printed nothing`);
        }
      });
      assert.ok(outputs > 0, `${name}: no output appeared`);
      assert.deepEqual(nb.problems, []);
    } finally {
      await closeNotebook(nb);
    }
  });
}

test('Interrupt, Tab completion, Shift-Tab tooltip and an input box', { timeout: 180_000 }, async (t) => {
  const nb = await openNotebook('scratch.ipynb');
  const { page } = nb;
  const shot = (n) => page.screenshot({ path: path.join(artifacts, `${n}.png`), fullPage: true });
  try {
    // import "fmt", then `for {}`, each with Shift-Enter (which selects the next cell).
    await codeCell(page, 0).locator('.CodeMirror').click();
    await page.keyboard.press('Shift+Enter');
    await waitForCount(page, 0, KERNEL_START);

    await t.test('Interrupt stops `for {}` and the next cell runs', async () => {
      await page.keyboard.press('Shift+Enter');
      await page.waitForFunction(() => {
        const prompt = document.querySelectorAll('#notebook-container > .code_cell .input_prompt')[1];
        return prompt.textContent.includes('*') &&
          document.querySelector('#kernel_indicator_icon.kernel_busy_icon') !== null;
      }, null, { timeout: UI });
      const start = Date.now();
      await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
      await waitForCount(page, 1, 30_000);
      const took = Date.now() - start;
      await shot('interrupt');
      assert.ok(took < INTERRUPT_BOUND_MS,
        `Interrupt took ${took} ms to stop \`for {}\` (bound ${INTERRUPT_BOUND_MS} ms)`);
      console.log(`# interrupt stopped for {} in ${took} ms`);

      await page.keyboard.press('Shift+Enter'); // the next cell
      await waitForCount(page, 2);
      await page.waitForFunction(() => {
        const cell = document.querySelectorAll('#notebook-container > .code_cell')[2];
        return /the kernel is still here/.test(cell.querySelector('.output_area')?.textContent ?? '');
      }, null, { timeout: UI });
      const cells = await cellsOnPage(page);
      assert.match(cells[2].streams, /the kernel is still here/);
      assert.deepEqual(cells[2].errors, []);
    });

    await t.test('Tab after `fmt.` lists completions', async () => {
      await codeCell(page, 3).locator('.CodeMirror').click();
      await page.keyboard.press('End');
      await page.keyboard.press('Tab');
      await page.waitForSelector('.completions select option', { timeout: UI });
      const options = await page.$$eval('.completions select option', (os) => os.map((o) => o.textContent));
      await shot('completion');
      assert.ok(options.some((o) => /Println/.test(o)), `completions: ${options.slice(0, 20).join(', ')}`);
      await page.keyboard.press('Escape');
      await page.waitForSelector('.completions', { state: 'detached', timeout: UI });
    });

    // Shift-Tab asks the kernel (inspect_request) about the code at the cursor.
    const shiftTabAt = async (cell, left) => {
      await codeCell(page, cell).locator('.CodeMirror').click();
      await page.keyboard.press('End');
      for (let i = 0; i < left; i++) await page.keyboard.press('ArrowLeft');
      const reply = once(nb.replies, 'inspect_reply', { signal: AbortSignal.timeout(UI) });
      await page.keyboard.press('Shift+Tab');
      return (await reply)[0].content;
    };

    await t.test('Shift-Tab on a call shows its documentation', async () => {
      const reply = await shiftTabAt(4, 6); // in `fmt.Print|ln("x")`
      assert.equal(reply.found, true, 'the kernel found nothing to show for fmt.Println');
      await page.waitForSelector('#tooltip', { state: 'visible', timeout: UI });
      await page.waitForFunction(() => /Println/.test(document.querySelector('#tooltip .tooltiptext')?.textContent ?? ''),
        null, { timeout: UI });
      // The tooltip fades in: screenshot it once the fade has finished.
      await page.waitForFunction(() => getComputedStyle(document.querySelector('#tooltip')).opacity === '1',
        null, { timeout: UI });
      await shot('tooltip');
      assert.match(await page.textContent('#tooltip .tooltiptext'), /func Println/);
      await page.keyboard.press('Escape');
      await page.waitForSelector('#tooltip', { state: 'hidden', timeout: UI });
    });

    // What a student types: `fmt.Println(` and Shift-Tab with the cursor
    // inside the parentheses: the kernel documents the function called.
    await t.test('Shift-Tab inside a call\'s parentheses shows the call\'s documentation', async () => {
        const reply = await shiftTabAt(4, 4); // in `fmt.Println(|"x")`
        assert.equal(reply.found, true, 'inspect_reply found: false after `fmt.Println(`');
        await page.waitForSelector('#tooltip', { state: 'visible', timeout: UI });
        await page.keyboard.press('Escape');
      });

    await t.test('fmt.Scanln asks in an input box', async () => {
      await codeCell(page, 5).locator('.CodeMirror').click();
      await page.keyboard.press('Shift+Enter');
      const input = page.locator('input.raw_input');
      await input.waitFor({ state: 'visible', timeout: UI });
      await shot('input-box');
      await input.fill('gopher');
      await input.press('Enter');
      await waitForCount(page, 5);
      await page.waitForFunction(() => {
        const cell = document.querySelectorAll('#notebook-container > .code_cell')[5];
        return /hello, gopher/.test(cell.querySelector('.output_area')?.textContent ?? '');
      }, null, { timeout: UI });
      await shot('input-answered');
      const cells = await cellsOnPage(page);
      assert.deepEqual(cells[5].errors, []);
    });
    assert.deepEqual(nb.problems, []);
  } finally {
    await closeNotebook(nb);
  }
});
