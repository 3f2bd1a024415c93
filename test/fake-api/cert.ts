// A throw-away TLS certificate for the fake, so a browser can reach it as https://api.instantly.ai
// (docs/browsers.md#reaching-the-fake-under-the-real-host-names). Chromium is told to trust it
// by the hash of its public key.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CERTIFICATE_HOSTS } from './hosts';

export interface Certificate {
  key: string;
  cert: string;
  /** base64 sha256 of the SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  spki: string;
}

const cache = new Map<string, Certificate>();

/** Self-signed, with a SAN for every host (IP addresses as IP entries). Cached per process. */
export function makeCertificate(hosts: readonly string[] = CERTIFICATE_HOSTS): Certificate {
  const cacheKey = [...hosts].sort().join(',');
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  const san = hosts.map((h) => (/^[\d.]+$/.test(h) || h.includes(':') ? `IP:${h}` : `DNS:${h}`)).join(',');
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-api-cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    // EC P-256: generated in milliseconds, accepted by Chromium, Firefox and Node.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '7',
        '-subj',
        '/CN=workspace-switcher fake API',
        '-addext',
        `subjectAltName=${san}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const key = readFileSync(keyFile, 'utf8');
    const cert = readFileSync(certFile, 'utf8');
    const spkiDer = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    const certificate = { key, cert, spki: createHash('sha256').update(spkiDer).digest('base64') };
    cache.set(cacheKey, certificate);
    return certificate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
