// Child process of two-processes.test.ts: opens the ledger, waits for "go", then appends its
// events one transaction at a time so that the two writers interleave.
const [, , modulePath, dbFile, eventsFile] = process.argv;
const { StockLedger } = await import(modulePath);
const { readFileSync } = await import('node:fs');
const events = JSON.parse(readFileSync(eventsFile, 'utf8'));
const ledger = StockLedger.open(dbFile);
process.on('message', (msg) => {
  if (msg !== 'go') return;
  let inserted = 0;
  let incidentUnits = 0;
  for (const e of events) {
    const r = ledger.apply([e], { safety: 0 });
    inserted += r.inserted;
    incidentUnits += r.incidents.reduce((s, i) => s + i.units, 0);
  }
  ledger.close();
  process.send({ inserted, incidentUnits }, () => process.exit(0));
});
process.send('ready');
