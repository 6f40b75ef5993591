/**
 * An SMTP sink in its own process for the newsletter fan-out benchmark: it accepts everything,
 * counts messages, prints `{"port":N}` once listening, and answers `{"received":N}` to each line
 * read on stdin.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  maxClients: 500,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.server.address() as AddressInfo).port })}\n`);
});
process.stdin.setEncoding("utf8");
process.stdin.on("data", () => process.stdout.write(`${JSON.stringify({ received })}\n`));
process.stdin.on("end", () => server.close(() => process.exit(0)));
