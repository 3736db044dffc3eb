import type { BalancedPlan } from '../../core/planning/balance.js';
import { balanceTranscription } from '../../core/planning/balance.js';
import type { BalanceRequest } from './balanceOffThread.js';
import { serveJobs } from './worker.js';

/** The worker side of balanceOffThread.ts: one exact plan per job. */
serveJobs<BalanceRequest, BalancedPlan>(async ({ interviews, shares, toleranceMs }) => ({
  result: balanceTranscription(interviews, shares, toleranceMs),
  transfer: [],
}));
