// @sluice/submit/airflow: Airflow 3 through its REST API v2.
export { AirflowClient, type AirflowTiming } from "./client.js";
export type { AirflowConnection } from "./http.js";
