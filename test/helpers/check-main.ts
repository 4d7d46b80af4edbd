// The command as the bin runs it (bin/cdk-verified-mail-domain calls the compiled main()), for tests that start it
// as a child process without compiling first: node -r ts-node/register/transpile-only test/helpers/check-main.ts check ...
import { main } from '../../src/command/cli';

main();
