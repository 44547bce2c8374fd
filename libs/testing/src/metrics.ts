/** Reads one unlabelled counter or gauge from a service's `/metrics`. */
export async function scrapeMetric(baseUrl: string, name: string): Promise<number> {
  const body = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}
