/**
 * The long tests of issue 10 run only under `npm run test:stress` (which sets RADAR_STRESS=1); `npm test` lists
 * them as skipped and runs the fast versions in test/reliability/.
 */
export const stress = process.env.RADAR_STRESS === '1';
