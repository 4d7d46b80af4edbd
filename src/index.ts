export * from './verified-mail-domain';
export * from './records';
export * from './dkim';
export * from './spf';
export * from './dmarc';
export * from './inbound-mail';
export * from './verification';
export { RecordRendering } from './route53-render';
export * from './receiving/receiving';
