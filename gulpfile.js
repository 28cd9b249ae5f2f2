const path = require('path');
const { task, src, dest } = require('gulp');

/** Copies icons and node codex files (*.node.json) next to the compiled files, where n8n looks for them. */
function copyIcons() {
	const nodeIcons = src('nodes/**/*.{png,svg,json}', { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
	const topIcons = src('icons/**/*.{png,svg}', { encoding: false }).pipe(
		dest(path.resolve('dist', 'icons')),
	);
	return Promise.all([streamDone(nodeIcons), streamDone(topIcons)]);
}

function streamDone(stream) {
	return new Promise((resolve, reject) =>
		stream.on('finish', resolve).on('end', resolve).on('error', reject),
	);
}

task('build:icons', copyIcons);
