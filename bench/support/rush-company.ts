import { generateCompany } from '../../sim/demo-company.ts';

/** The company of the PostgreSQL morning rush: the same seed in the benchmark and in the PBX's process. */
export const RUSH_COMPANY = { seed: 5, employees: 2000, phones: 1500, registrationDelayMs: 50 };

export const rushCompany = () =>
  generateCompany({
    seed: RUSH_COMPANY.seed,
    employees: RUSH_COMPANY.employees,
    phones: RUSH_COMPANY.phones,
    occupied: 0,
    offline: 0,
  });
