import { describe, expect, it } from 'vitest';
import { createUrlPolicy, isInternalAddress, UrlRefusedError } from '../../src/http/url-policy.js';

/** A resolver that answers from a table and records what it was asked: no test here resolves or connects for real. */
const table = (answers: Record<string, string[]>) => {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (host: string) => {
      asked.push(host);
      const list = answers[host];
      if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  };
};

const refusal = async (p: Promise<unknown>): Promise<UrlRefusedError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UrlRefusedError);
    return e as UrlRefusedError;
  }
  throw new Error('expected a refusal');
};

describe('URL policy', () => {
  it('classifies loopback, private, link-local and mapped addresses as internal', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '::ffff:7f00:1']) {
      expect(isInternalAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '2a00:1450:4001::1', '::ffff:808:808']) expect(isInternalAddress(a), a).toBe(false);
  });

  it('accepts https to a public host and pins the checked addresses', async () => {
    const dns = table({ 'cdn.example.com': ['93.184.216.34', '2606:2800:220:1::1'] });
    const { url, lookup } = await createUrlPolicy({ resolve: dns.resolve }).check('https://cdn.example.com/catalog.csv');
    expect(url.href).toBe('https://cdn.example.com/catalog.csv');
    const all = await new Promise((resolve) => lookup('cdn.example.com', { all: true }, (_e: unknown, list: unknown) => resolve(list)));
    expect(all).toEqual([{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }]);
    const v6 = await new Promise((resolve) => lookup('cdn.example.com', { family: 6 }, (_e: unknown, address: unknown) => resolve(address)));
    expect(v6).toBe('2606:2800:220:1::1');
  });

  it('refuses a name that resolves to a link-local, private or loopback address unless the configuration names it', async () => {
    const dns = table({ 'meta.example.com': ['169.254.169.254'], 'pim.corp.example': ['10.0.0.5'], 'sneaky.example.com': ['93.184.216.34', '127.0.0.1'] });
    const policy = createUrlPolicy({ resolve: dns.resolve, named: ['https://pim.corp.example/export'] });
    expect((await refusal(policy.check('https://meta.example.com/latest'))).reason).toContain('resolves to 169.254.169.254');
    expect((await refusal(policy.check('https://sneaky.example.com/'))).reason).toContain('resolves to 127.0.0.1');
    expect((await policy.check('https://pim.corp.example/other')).url.host).toBe('pim.corp.example');
  });

  it('refuses internal address literals, however they are spelled, without resolving', async () => {
    const dns = table({});
    const policy = createUrlPolicy({ resolve: dns.resolve });
    for (const u of ['https://169.254.169.254/', 'https://[::ffff:169.254.169.254]/', 'https://0xa9.0xfe.0xa9.0xfe/', 'https://2852039166/', 'https://127.1/', 'https://[::1]:8443/', 'https://10.0.0.1/']) {
      expect((await refusal(policy.check(u))).reason, u).toContain('does not name');
    }
    expect(dns.asked).toEqual([]);
  });

  it('allows plain http only to a loopback origin the configuration names', async () => {
    const dns = table({ localhost: ['127.0.0.1'] });
    const policy = createUrlPolicy({ resolve: dns.resolve, named: ['http://127.0.0.1:8080/catalog.csv', 'http://localhost:9090/'] });
    expect((await policy.check('http://127.0.0.1:8080/x')).url.port).toBe('8080');
    expect((await policy.check('http://localhost:9090/y')).url.port).toBe('9090');
    expect((await refusal(policy.check('http://127.0.0.1:8081/x'))).reason).toContain('does not name');
    expect((await refusal(policy.check('http://shop.example.com/feed.csv'))).reason).toContain('use https');
    expect(dns.asked).toEqual(['localhost']);
    expect((await refusal(createUrlPolicy({ named: ['http://10.0.0.5/'] }).check('http://10.0.0.5/'))).reason).toContain('use https');
  });

  it('checks every redirect hop: no downgrade, no unnamed internal target, nothing but http(s)', async () => {
    const dns = table({ 'cdn.example.com': ['93.184.216.34'], 'meta.example.com': ['169.254.169.254'] });
    const policy = createUrlPolicy({ resolve: dns.resolve, named: ['https://shop.example.com/catalog.csv'] });
    const from = new URL('https://shop.example.com/catalog.csv');
    expect((await policy.redirect('https://cdn.example.com/c.csv', from)).url.href).toBe('https://cdn.example.com/c.csv');
    expect((await refusal(policy.redirect('http://cdn.example.com/c.csv', from))).reason).toContain('from https to plain http');
    expect((await refusal(policy.redirect('https://meta.example.com/', from))).reason).toContain('169.254.169.254');
    expect((await refusal(policy.redirect('http://169.254.169.254/latest/meta-data/', from))).reason).toContain('plain http');
    expect((await refusal(policy.redirect('file:///etc/passwd', from))).reason).toContain('file:');
  });
});
