import { invalid } from '../../core/errors.js';
import type { BalancedPlan } from '../../core/planning/balance.js';
import type { PlanInterview } from '../../core/planning/plan.js';
import { BackgroundWorker } from './worker.js';

export interface BalanceRequest {
  interviews: PlanInterview[];
  shares: number[];
  toleranceMs: number;
}

const planner = new BackgroundWorker<BalanceRequest, BalancedPlan>('planWorker.js');

/**
 * The exact transcription plan, searched in a worker thread (planWorker.ts): a hard instance may
 * search for seconds before it is found or refused, and the server answers others meanwhile.
 */
export async function balanceOffThread(request: BalanceRequest): Promise<BalancedPlan> {
  const reply = await planner.run(request);
  // The worker died (out of memory, say): the plan is refused as too large to search.
  if ('crashed' in reply)
    throw invalid('plan.too-large', { interviews: request.interviews.length, transcribers: request.shares.length });
  return reply.ok;
}
