import type { AppDatabase } from "~db/client";
import type { AppConfig } from "~/utils/config.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: AppDatabase;
    config: AppConfig;
  }
}

export {};
