import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/env';

let transport: { url: string; transporter: Transporter } | undefined;

/** Whether the site sends mail at all (SMTP_URL). Without it nothing asks for an email address. */
export function emailEnabled(): boolean {
  return env().smtpUrl !== undefined;
}

/** Sends one plain-text mail through SMTP_URL; throws when the site sends no mail or the server refuses it. */
export async function sendMail(options: { to: string; subject: string; text: string }): Promise<void> {
  const url = env().smtpUrl;
  if (!url) throw new Error('SMTP_URL is not set');
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  await transport.transporter.sendMail({ from: env().smtpFrom, to: options.to, subject: options.subject, text: options.text });
}
