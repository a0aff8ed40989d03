import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { renderFile } from 'ejs';
import request from 'supertest';
import { buildTestApp, type TestApp } from './harness';

function listTemplates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTemplates(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('pages and assets', () => {
  let testApp: TestApp;

  beforeEach(() => {
    testApp = buildTestApp();
  });

  afterEach(async () => {
    await testApp.close();
  });

  it('when the home page is opened, then it renders inside the accessible layout', async () => {
    const res = await request(testApp.app).get('/');

    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="en" dir="ltr">');
    expect(res.text).toContain('<a class="skip-link" href="#main">');
    expect(res.text).toMatch(/<header class="site-header">[\s\S]*ResetDesk[\s\S]*<\/header>/);
    expect(res.text).toContain('<main id="main"');
    expect(res.text).toContain('<footer class="site-footer">');
    expect(res.text).toContain('<link rel="stylesheet" href="/css/app.css">');
    expect(res.text).toMatch(/<a [^>]*href="\/forgot"[^>]*>Forgot your password\?<\/a>/);
    expect(res.text).toMatch(/<a [^>]*href="\/login"[^>]*>Sign in<\/a>/);
  });

  it('when the stylesheet is requested, then it is served as CSS with a one-hour cache', async () => {
    const res = await request(testApp.app).get('/css/app.css');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.text).toContain('.visually-hidden');
  });

  it('when any template is read, then it holds no inline script, style or event handler (CSP); mails only their styles', () => {
    const templates = listTemplates(join(__dirname, '../../views'));
    expect(templates.length).toBeGreaterThan(0);

    for (const file of templates) {
      const source = readFileSync(file, 'utf8');
      // A mail is read in a mail client, never under the pages' CSP, and clients drop stylesheets.
      const isMail = file.includes(`${sep}emails${sep}`);
      expect({
        file,
        // A JSON data block (partials/client-text.ejs) is never run, so the CSP does not apply to it.
        inlineScript:
          /<script/i.test(source) &&
          (isMail || /<script(?![^>]*\s(?:src=|type="application\/json"))[^>]*>/i.test(source)),
      }).toEqual({
        file,
        inlineScript: false,
      });
      expect({ file, styleTag: !isMail && /<style/i.test(source) }).toEqual({ file, styleTag: false });
      expect({ file, styleAttr: !isMail && /\sstyle=/i.test(source) }).toEqual({ file, styleAttr: false });
      expect({ file, handler: /\son[a-z]+=/i.test(source) }).toEqual({ file, handler: false });
    }
  });

  it('when flash messages are given, then each renders with its type and escaped text', async () => {
    const html = await renderFile(join(__dirname, '../../views/partials/flash.ejs'), {
      flash: [
        { type: 'success', message: 'Password changed.' },
        { type: 'error', message: '<b>bad</b>' },
      ],
    });

    expect(html).toContain('<div class="flash flash--success" role="status">');
    expect(html).toContain('<div class="flash flash--error" role="alert">');
    expect(html).toContain('&lt;b&gt;bad&lt;/b&gt;');
  });

  it('when a field has an error, then the field-error partial renders it with the id inputs refer to', async () => {
    const file = join(__dirname, '../../views/partials/field-error.ejs');

    const withError = await renderFile(file, {
      field: 'username',
      errors: { username: 'Enter your email.' },
    });
    const withoutError = await renderFile(file, { field: 'username', errors: {} });

    expect(withError).toContain('<p class="field-error" id="username-error">Enter your email.</p>');
    expect(withoutError.trim()).toBe('');
  });
});
