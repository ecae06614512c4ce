import * as assert from 'node:assert/strict';
import { parseSettings } from '../../../src/core/settings';
import { environmentAppId } from '../../../src/core/simulate/environmentAppId';
import { isLoopbackHost, parseTargetUrl } from '../../../src/core/simulate/targetUrl';

describe('simulator target URL', () => {
  it('allows plain http only to this machine', () => {
    for (const host of ['127.0.0.1', '127.10.0.3', '[::1]', 'localhost', 'api.localhost']) assert.ok('url' in parseTargetUrl(`http://${host}:3000/webhook`), host);
    for (const host of ['10.0.0.5', '192.168.1.2', '169.254.0.1', 'example.com', '[::ffff:7f00:1]', '127.0.0.1.nip.io']) {
      const parsed = parseTargetUrl(`http://${host}/webhook`);
      assert.ok('error' in parsed && /plain http is only for a handler on this machine/.test(parsed.error), host);
    }
    assert.ok('url' in parseTargetUrl('https://handler.example.com/webhook'));
  });

  it('names what is wrong with a URL that cannot receive callbacks', () => {
    assert.match((parseTargetUrl('127.0.0.1:3000') as { error: string }).error, /is not a URL \(expected http:\/\/127.0.0.1:3000\/webhook/);
    assert.match((parseTargetUrl('localhost:3000') as { error: string }).error, /only http and https/);
    assert.match((parseTargetUrl('not a url') as { error: string }).error, /"not a url" is not a URL/);
    assert.match((parseTargetUrl('ftp://127.0.0.1/x') as { error: string }).error, /only http and https/);
    assert.match((parseTargetUrl('https://user:pw@example.com/') as { error: string }).error, /no credentials/);
    assert.equal(isLoopbackHost('0.0.0.0'), false);
  });
});

describe('environmentAppId', () => {
  const envs = [
    { name: 'staging', appId: 'APP-S' },
    { name: 'prod', appId: ' APP-P ' },
  ];
  it('takes the active environment\'s app id, else the first usable one', () => {
    assert.equal(environmentAppId(envs, 'prod'), 'APP-P');
    assert.equal(environmentAppId(envs, 'gone'), 'APP-S');
    assert.equal(environmentAppId(envs), 'APP-S');
    assert.equal(environmentAppId([{ name: 'x', appId: '' }, { name: 'y', appId: 'APP-Y' }]), 'APP-Y');
  });
  it('ignores settings that are not a list of environments', () => {
    assert.equal(environmentAppId(undefined), undefined);
    assert.equal(environmentAppId('APP'), undefined);
    assert.equal(environmentAppId([null, 3, { appId: 4 }]), undefined);
  });
});

describe('convapiLine.simulator.timeout', () => {
  const read = (value: unknown) => parseSettings((key) => (key === 'simulator.timeout' ? value : undefined)).simulator.timeoutMs;
  it('is 5000 ms unless set to a whole number from 100 to 600000', () => {
    assert.equal(read(undefined), 5000);
    assert.equal(read(250), 250);
    assert.equal(read(50), 5000);
    assert.equal(read(1.5e6), 5000);
    assert.equal(read('9000'), 5000);
  });
});
