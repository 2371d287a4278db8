/** The demo signs anyone in as an admin: it runs only where NODE_ENV says development (issue #12, item 4). */
import { assertDemoAllowed, DemoRefusedError } from '../../server/config/demo';

test.each(['production', 'prod', 'PRODUCTION ', 'staging', 'live', 'prd'])('NODE_ENV=%j is refused', (value) => {
  expect(() => assertDemoAllowed({ NODE_ENV: value })).toThrow(DemoRefusedError);
});

test.each([undefined, '', ' ', 'development', 'Dev', 'test', 'local'])('NODE_ENV=%j lets the demo run', (value) => {
  expect(() => assertDemoAllowed(value === undefined ? {} : { NODE_ENV: value })).not.toThrow();
});
