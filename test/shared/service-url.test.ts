import { describe, expect, it } from 'vitest';
import { cleartextProblem, isLoopbackHost } from '../../shared/service-url';

describe('addresses that would carry the token in clear', () => {
  it.each(['http://127.0.0.1:4818', 'ws://127.0.0.1:4818/sync', 'http://127.8.9.10', 'http://localhost:4818', 'http://LOCALHOST', 'http://[::1]:4818', 'https://sync.newsroom.example', 'wss://sync.newsroom.example/sync'])(
    '%s is fine',
    (url) => expect(cleartextProblem(url)).toBeNull(),
  );

  it.each([
    ['http://sync.newsroom.example', 'https://'],
    ['ws://sync.newsroom.example/sync', 'wss://'],
    ['http://10.0.0.5:4818', 'https://'],
    ['http://[fe80::1]', 'https://'],
    ['http://127.0.0.1.evil.example', 'https://'],
    ['http://localhost.evil.example', 'https://'],
  ])('%s is refused, naming %s', (url, secure) => {
    expect(cleartextProblem(url)).toContain(secure);
    expect(cleartextProblem(url)).toContain('unencrypted');
  });

  it('a host the policy names as a test network may use http://, no other', () => {
    expect(cleartextProblem('http://sync.test-lab.example:4818', ['sync.test-lab.example'])).toBeNull();
    expect(cleartextProblem('http://SYNC.Test-Lab.example', ['sync.test-lab.example'])).toBeNull();
    expect(cleartextProblem('http://other.test-lab.example', ['sync.test-lab.example'])).not.toBeNull();
  });

  it('knows loopback when it sees it', () => {
    expect(['localhost', 'a.localhost', '127.0.0.1', '127.255.0.1', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.example', '128.0.0.1', '127.0.0.1.example', '::2', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
  });
});
