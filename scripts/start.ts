// Placeholder until the REST API server lands (issue: REST API and server): says what `npm start` will run.
console.log(
  'CTS: `npm start` will run the REST API and admin UI on http://127.0.0.1:8787 once the server package lands.',
);
console.log('For now, `npm test` runs the connector, simulator and limiter suites.');
