// Loads the exported SDC Questionnaire into LHC-Forms in headless Chromium,
// answers the first questions from steps.json through the form's own
// inputs, and saves a screenshot and the values the form computed. Run by
// "make lhc-screenshot"; not part of make test (it needs Chromium).
import { chromium } from 'playwright-core';
import fs from 'fs';
import path from 'path';

const [questionnaireFile, stepsFile, outFile] = process.argv.slice(2);
const questionnaire = JSON.parse(fs.readFileSync(questionnaireFile, 'utf8'));
const steps = JSON.parse(fs.readFileSync(stepsFile, 'utf8'));
const here = path.dirname(new URL(import.meta.url).pathname);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--allow-file-access-from-files'],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 1600 } });
const errors = [];
page.on('pageerror', e => errors.push(e.message));
await page.goto('file://' + path.join(here, 'page.html'));
await page.waitForFunction(() => window.LForms && window.LForms.Util, null, { timeout: 60000 });
await page.evaluate(async q => { await LForms.Util.addFormToPage(q, 'form', { fhirVersion: 'R4' }); }, questionnaire);

// Each answer is typed into its item's autocomplete box and the first match
// taken, as a person would with the keyboard.
for (const [linkId, text] of steps) {
  const id = await page.evaluate(l => [...document.querySelectorAll('input[id]')].map(e => e.id).find(i => i.split('/')[0] === l), linkId);
  if (!id) throw new Error(`the form shows no input for ${linkId}`);
  await page.click(`[id="${id}"]`);
  await page.keyboard.type(text);
  await page.waitForTimeout(300);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}
await page.waitForTimeout(1000);
await page.screenshot({ path: outFile, fullPage: true });
const values = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('input[id]')].map(e => [e.id.split('/')[0], e.value])));
console.log(JSON.stringify({ shown: Object.keys(values), values, errors }, null, 2));
await browser.close();
