import dotenv from 'dotenv';
import { startBot } from './bot.ts';
import { parseConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { describeStartupError } from './startupError.ts';

dotenv.config({ quiet: true });

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  // One readable line naming the variable, no stack trace: this is what a server owner sees first.
  process.stderr.write(`kontext-bot: configuration error: ${parsed.error} (see .env.example)\n`);
  process.exit(1);
}
const { config } = parsed;
const logger = createLogger({ level: config.logLevel, secrets: [config.discordToken, config.falKey] });

process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));

try {
  // `npm run worker`: jobs only, no gateway (PostgreSQL); `npm start`: everything in one process.
  const bot = await startBot(config, logger, { role: process.argv.includes('--worker') ? 'worker' : 'all' });
  let stopping = false;
  const shutdown = (signal: string) => {
    // A second signal (Ctrl-C twice, a supervisor signalling the whole group) must not cut the grace short.
    if (stopping) {
      logger.warn({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  const message = describeStartupError(error);
  logger.fatal({ err: error }, 'could not start');
  process.stderr.write(`kontext-bot: could not start: ${message}\n`);
  process.exit(1);
}
