import { BindServer, startBind } from '../../helpers/bind-server';
import { AMAZONSES_ZONE, CheckApp, runCaptured, synthCheckApp } from '../../helpers/check-app';

// Without --nameserver, the way users run it: each domain's name servers found from its NS records (through the
// "system" resolver, here BIND) and asked directly. A domain whose name servers cannot be found is unreachable,
// row by row with the reason, and the other domains are still checked.

let app: CheckApp;
let server: BindServer;

beforeAll(async () => {
  app = synthCheckApp({ 'a.mail.test': {}, 'b.gone.test': {} });
  server = await startBind([
    { origin: 'mail.test', records: app.zoneLines.filter((l) => l.split(' ')[0].endsWith('.mail.test.')) },
    { origin: 'gone.test', records: ['gone.test. IN NS ns.gone.invalid.'] },
    AMAZONSES_ZONE,
  ]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  app?.remove();
});

test('the NS records are walked and the name servers asked; a domain whose name servers have no address is unreachable, the other ok', async () => {
  const run = await runCaptured(['check', '--app', app.outdir, '--outputs', app.outputsFile, '--json'],
    { systemServers: [server.address], nameServerPort: server.port });
  const rows = JSON.parse(run.out).records;
  const of = (domain: string) => rows.filter((r: any) => r.domain === domain);
  expect(of('a.mail.test').map((r: any) => r.verdict)).toEqual(Array(9).fill('ok'));
  const gone = of('b.gone.test');
  expect(gone.map((r: any) => `${r.verdict} ${r.name} ${r.type}`)).toEqual([
    'unreachable tok1bgonetest._domainkey.b.gone.test. CNAME',
    'unreachable tok2bgonetest._domainkey.b.gone.test. CNAME',
    'unreachable tok3bgonetest._domainkey.b.gone.test. CNAME',
    'unreachable bounce.b.gone.test. MX',
    'unreachable bounce.b.gone.test. TXT',
    'unreachable b.gone.test. TXT',
    'unreachable _dmarc.b.gone.test. TXT',
  ]);
  expect([...new Set(gone.map((r: any) => r.detail))]).toEqual([
    'cannot find the addresses of the name servers of gone.test (ns.gone.invalid): '
    + 'A of ns.gone.invalid: error (EREFUSED: the server refused the query (REFUSED)); AAAA of ns.gone.invalid: error (EREFUSED: the server refused the query (REFUSED))',
  ]);
  expect(run.code).toBe(2);
});
