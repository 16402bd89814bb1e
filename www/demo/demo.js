// Demo CRM behaviour: the Send button only pretends (no network, ever).
document.getElementById('send').addEventListener('click', () => {
  const button = document.getElementById('send');
  button.textContent = 'Sent (demo)';
  setTimeout(() => (button.textContent = 'Send'), 1500);
});
