/**
 * Vitest global setup: one moto server for the whole run (tests isolate by
 * account id), reachable through MOTO_ENDPOINT. When MOTO_ENDPOINT is already
 * set (CI starts moto itself), that server is used.
 */
import { startMoto, type MotoServer } from './moto.js';

let moto: MotoServer | undefined;

export async function setup({ provide }: { provide: (key: string, value: unknown) => void }): Promise<void> {
  let endpoint = process.env.MOTO_ENDPOINT;
  if (!endpoint) {
    moto = await startMoto();
    endpoint = moto.endpoint;
  }
  process.env.MOTO_ENDPOINT = endpoint;
  provide('motoEndpoint', endpoint);
}

export async function teardown(): Promise<void> {
  await moto?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoint: string;
  }
}
